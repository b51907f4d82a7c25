import { useRef } from 'react';
import { useMutation, type UseMutationOptions } from '@tanstack/react-query';

/**
 * A mutation that runs once at a time: a second click that lands before the button is
 * re-rendered as disabled does nothing. The error stays on `error` for the form to show;
 * `run` resolves to whether this call went through, for a form that clears itself then.
 */
export function useGuardedMutation<TData, TVariables = void>(options: UseMutationOptions<TData, Error, TVariables>) {
  const mutation = useMutation(options);
  const running = useRef(false);
  const run = async (variables: TVariables): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    try {
      await mutation.mutateAsync(variables);
      return true;
    } catch {
      return false;
    } finally {
      running.current = false;
    }
  };
  return { ...mutation, run };
}
