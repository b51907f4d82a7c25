// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useFileDrop } from './file-drop.js';

function Zone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const drop = useFileDrop(onFiles);
  return (
    <section aria-label="zone" {...drop.target}>
      {drop.dragging && <p>drop here</p>}
    </section>
  );
}

afterEach(cleanup);

describe('dropping files', () => {
  it('shows where files will go while they are held over it, and hands over what is dropped', () => {
    const onFiles = vi.fn();
    render(<Zone onFiles={onFiles} />);
    const zone = screen.getByRole('region', { name: 'zone' });
    const file = new File(['%PDF'], 'plan.pdf');
    const dataTransfer = { types: ['Files'], files: [file] };
    expect(fireEvent.dragOver(zone, { dataTransfer })).toBe(false);
    expect(screen.queryByText('drop here')).not.toBeNull();
    expect(fireEvent.drop(zone, { dataTransfer })).toBe(false);
    expect(onFiles).toHaveBeenCalledWith([file]);
    expect(screen.queryByText('drop here')).toBeNull();
  });

  it('leaves dragged text alone, and forgets files dragged away again', () => {
    const onFiles = vi.fn();
    render(<Zone onFiles={onFiles} />);
    const zone = screen.getByRole('region', { name: 'zone' });
    expect(fireEvent.dragOver(zone, { dataTransfer: { types: ['text/plain'], files: [] } })).toBe(true);
    expect(screen.queryByText('drop here')).toBeNull();
    fireEvent.dragOver(zone, { dataTransfer: { types: ['Files'], files: [] } });
    fireEvent.dragLeave(zone, { relatedTarget: document.body });
    expect(screen.queryByText('drop here')).toBeNull();
    expect(fireEvent.drop(zone, { dataTransfer: { types: ['text/plain'], files: [] } })).toBe(true);
    expect(onFiles).not.toHaveBeenCalled();
  });
});
