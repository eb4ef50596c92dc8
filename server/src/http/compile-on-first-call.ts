/**
 * A route schema's validator or serializer, compiled when the route is first called rather than
 * when Keel starts. Fastify compiles every route's schemas as it starts, and each compiled function
 * keeps its generated source and code for the life of the process, though a running panel serves
 * few of its routes most of the time (docs/performance.md: the embedded database's memory). A
 * schema that cannot compile fails its route's first request instead of Keel's start;
 * test/api/route-schemas.test.ts compiles every one.
 */
export function compileOnFirstCall<Args extends unknown[], Result>(
  compile: () => (...args: Args) => Result,
): (...args: Args) => Result {
  let compiled: ((...args: Args) => Result) | undefined;
  const call = (...args: Args) => {
    compiled ??= compile();
    return compiled(...args);
  };
  // Ajv leaves a failed validation's reasons on the function itself, where Fastify reads them.
  Object.defineProperty(call, 'errors', {
    get: () => (compiled as { errors?: unknown } | undefined)?.errors,
  });
  return call;
}
