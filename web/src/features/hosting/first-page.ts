/** The first page of one kind, which is what a section shows. */
export const firstPage = (id: string) => ({ params: { path: { id }, query: { page: 1, perPage: 100 } } });
