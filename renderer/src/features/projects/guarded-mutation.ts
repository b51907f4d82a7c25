import { useRef } from 'react';
import { useMutation, type UseMutationOptions } from '@tanstack/react-query';

/**
 * A mutation that runs once at a time: a second click that lands before the button is
 * re-rendered as disabled does nothing. The error stays on `error` for the form to show.
 */
export function useGuardedMutation<TData, TVariables = void>(options: UseMutationOptions<TData, Error, TVariables>) {
  const mutation = useMutation(options);
  const running = useRef(false);
  const run = (variables: TVariables) => {
    if (running.current) return;
    running.current = true;
    mutation
      .mutateAsync(variables)
      .catch(() => undefined)
      .finally(() => {
        running.current = false;
      });
  };
  return { ...mutation, run };
}
