import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from './toast.js';

type Options<V, R> = {
  run: (variables: V) => Promise<R>;
  /** The toast's words; none when the page already says it (the impersonation banner). */
  success?: (result: R, variables: V) => string;
  onDone?: (result: R, variables: V) => void;
  /** Set when a 401 means wrong credentials (a current password), not an ended session. */
  credentialCheck?: boolean;
};

/**
 * A change through the API: on success every cached list is refreshed (counts, audit log)
 * and a toast says what happened, unless the page itself shows it; failures stay on the mutation for the dialog to show.
 */
export function useApiMutation<V, R>({ run, success, onDone, credentialCheck }: Options<V, R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    meta: { credentialCheck },
    onSuccess: async (result, variables) => {
      if (success) toast(success(result, variables), 'success');
      onDone?.(result, variables);
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
    },
  });
}
