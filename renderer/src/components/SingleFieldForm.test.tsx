// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SingleFieldForm } from './SingleFieldForm.js';

afterEach(cleanup);

function setup(props: { pending?: boolean; error?: string | null; onSubmit?: (value: string) => Promise<boolean> }) {
  const onSubmit = props.onSubmit ?? vi.fn(async () => true);
  const view = render(
    <SingleFieldForm
      label="Task name"
      submitLabel="Publish"
      pendingLabel="Publishing…"
      pending={props.pending ?? false}
      error={props.error ?? null}
      maxLength={64}
      onSubmit={onSubmit}
    />,
  );
  return {
    onSubmit,
    view,
    field: screen.getByRole('textbox', { name: 'Task name' }) as HTMLInputElement,
    button: () => screen.getByRole('button') as HTMLButtonElement,
  };
}

async function submit(field: HTMLInputElement, value: string) {
  fireEvent.change(field, { target: { value } });
  await act(async () => {
    fireEvent.submit(field.form!);
  });
}

describe('the one-field form', () => {
  it('labels its field, and sends nothing while the field is blank', async () => {
    const { field, button, onSubmit } = setup({});
    expect(field.placeholder).toBe('Task name');
    expect(field.maxLength).toBe(64);
    expect(button().disabled).toBe(true);
    await submit(field, '   ');
    expect(button().disabled).toBe(true);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the text trimmed, and empties the field once it went through', async () => {
    const { field, onSubmit } = setup({});
    await submit(field, '  Draft the report ');
    expect(onSubmit).toHaveBeenCalledWith('Draft the report');
    expect(field.value).toBe('');
  });

  it('keeps the text when it did not go through, and says why', async () => {
    const onSubmit = vi.fn(async () => false);
    const { field, view } = setup({ onSubmit });
    await submit(field, 'Draft the report');
    expect(field.value).toBe('Draft the report');
    view.rerender(
      <SingleFieldForm
        label="Task name"
        submitLabel="Publish"
        pendingLabel="Publishing…"
        pending={false}
        error="The name is too long"
        onSubmit={onSubmit}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('The name is too long');
  });

  it('shows that it is working, and cannot be sent again meanwhile', () => {
    const { field, button } = setup({ pending: true });
    fireEvent.change(field, { target: { value: 'Draft the report' } });
    expect(button().textContent).toBe('Publishing…');
    expect(button().disabled).toBe(true);
  });
});
