import { useCallback, useRef } from 'react';
import { useSearchParams } from 'react-router';

export const pageSizes = [10, 25, 50, 100] as const;
const defaultPerPage = 25;

type ParamValue = string | number | null;

function positiveInt(raw: string | null, fallback: number): number {
  const value = Number.parseInt(raw ?? '', 10);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function pageSize(raw: string | null): number {
  const value = positiveInt(raw, defaultPerPage);
  return (pageSizes as readonly number[]).includes(value) ? value : defaultPerPage;
}

/**
 * A list view's search, sort, page, page size and filters, kept in the URL
 * so that reload and Back restore the same view.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  // React Router hands a functional update the parameters of the last render, and renders a new
  // location as a transition: two changes before that render (From, then To) would lose the
  // first. Each change builds on the last one asked for, until the router shows a newer URL.
  const shown = useRef(params);
  const latest = useRef(params);
  if (shown.current !== params) {
    shown.current = params;
    latest.current = params;
  }

  const update = useCallback(
    (changes: Record<string, ParamValue>, options: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(latest.current);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(name);
        else next.set(name, String(value));
      }
      if (!('page' in changes)) next.delete('page');
      latest.current = next;
      setParams(next, { replace: options.replace ?? false });
    },
    [setParams],
  );

  return {
    q: params.get('q') ?? '',
    sort: params.get('sort') ?? '',
    page: positiveInt(params.get('page'), 1),
    perPage: pageSize(params.get('perPage')),
    filter: (name: string) => params.get(name) ?? '',
    update,
  };
}

export type ListParams = ReturnType<typeof useListParams>;

type BaseQuery = { page: number; perPage: number; sort?: string; q?: string };

/** The API query for a list view, plus the given filters; empty values are left out. */
export function listQuery<F extends Record<string, string>>(
  view: ListParams,
  filters?: F,
): BaseQuery & Partial<F> {
  const query: BaseQuery & Record<string, string | number> = { page: view.page, perPage: view.perPage };
  if (view.sort) query.sort = view.sort;
  if (view.q) query.q = view.q;
  for (const [name, value] of Object.entries(filters ?? {})) if (value) query[name] = value;
  return query as BaseQuery & Partial<F>;
}
