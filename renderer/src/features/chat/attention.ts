import { useEffect, useState } from 'react';

const attending = () => document.visibilityState === 'visible' && document.hasFocus();

/** Whether the user can be looking at the app: the page is visible and has focus. */
export function useAttention(): boolean {
  const [attentive, setAttentive] = useState(attending);
  useEffect(() => {
    const update = () => setAttentive(attending());
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    document.addEventListener('visibilitychange', update);
    return () => {
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
      document.removeEventListener('visibilitychange', update);
    };
  }, []);
  return attentive;
}
