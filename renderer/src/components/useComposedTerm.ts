import { useState, type ChangeEvent, type CompositionEvent } from 'react';

/**
 * A search field's text, and the term to search for: the same, except while an input
 * method is composing (the Latin letters of a Chinese word on their way are not a term:
 * searching them would flash "nothing found"). The term follows when the word is committed.
 */
export function useComposedTerm() {
  const [typed, setTyped] = useState('');
  const [term, setTerm] = useState('');
  const set = (value: string) => {
    setTyped(value);
    setTerm(value);
  };
  return {
    term,
    set,
    field: {
      value: typed,
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        setTyped(event.target.value);
        if (!(event.nativeEvent as InputEvent).isComposing) setTerm(event.target.value);
      },
      onCompositionEnd: (event: CompositionEvent<HTMLInputElement>) => setTerm(event.currentTarget.value),
    },
  };
}
