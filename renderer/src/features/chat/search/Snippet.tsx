import { Fragment } from 'react';
import type { Highlight } from '../../../api/search.js';
import { snippetParts } from './snippet.js';

/** A search result's snippet as text, with each occurrence of the term in a `<mark>`. */
export function Snippet({ snippet, highlights }: { snippet: string; highlights: readonly Highlight[] }) {
  return (
    <>
      {snippetParts(snippet, highlights).map((part, index) =>
        part.marked ? <mark key={index}>{part.text}</mark> : <Fragment key={index}>{part.text}</Fragment>,
      )}
    </>
  );
}
