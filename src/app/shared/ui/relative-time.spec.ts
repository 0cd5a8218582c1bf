import { signal } from '@angular/core';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { RelativeTime, RelativeTimeClock, formatRelative } from './relative-time';

const now = Date.parse('2025-06-15T12:00:00Z');

async function renderAt(value: string | Date) {
  const { fixture } = await render(RelativeTime, {
    inputs: { value },
    providers: [{ provide: RelativeTimeClock, useValue: { now: signal(now) } }],
  });
  // The exact time (the title) follows a task after the first render.
  await fixture.whenStable();
}

describe('formatRelative', () => {
  it.each([
    ['2025-06-15T11:59:30Z', 'just now'],
    // The cut-off: 44 seconds either way is "just now", 45 seconds is not.
    ['2025-06-15T11:59:16Z', 'just now'],
    ['2025-06-15T12:00:44Z', 'just now'],
    ['2025-06-15T11:59:15Z', '1 minute ago'],
    ['2025-06-15T12:00:45Z', 'in 1 minute'],
    ['2025-06-15T11:55:00Z', '5 minutes ago'],
    ['2025-06-15T09:00:00Z', '3 hours ago'],
    ['2025-06-14T12:00:00Z', 'yesterday'],
    ['2025-05-15T12:00:00Z', 'last month'],
    ['2023-06-15T12:00:00Z', '2 years ago'],
    ['2025-06-17T12:00:00Z', 'in 2 days'],
  ])('words %s as "%s"', (iso, expected) => {
    expect(formatRelative(new Date(iso), now, 'en-US')).toBe(expected);
  });
});

describe('RelativeTime', () => {
  it('renders a machine-readable time with the relative text', async () => {
    await renderAt('2025-06-15T11:55:00Z');

    const time = screen.getByText('5 minutes ago');

    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('datetime', '2025-06-15T11:55:00.000Z');
  });

  it('accepts a Date as well as an ISO string', async () => {
    await renderAt(new Date('2025-06-15T09:00:00Z'));

    expect(screen.getByText('3 hours ago')).toBeInTheDocument();
  });

  it('gives screen readers the exact time as its description', async () => {
    await renderAt('2025-06-15T11:55:00Z');

    expect(screen.getByText('5 minutes ago')).toHaveAccessibleDescription(
      'Jun 15, 2025, 11:55:00 AM UTC',
    );
  });

  it('is not a Tab stop', async () => {
    await renderAt('2025-06-15T11:55:00Z');

    await userEvent.tab();

    expect(screen.getByText('5 minutes ago')).not.toHaveFocus();
    expect(screen.getByText('5 minutes ago')).not.toHaveAttribute('tabindex');
  });

  it("shows the exact time in the browser's tooltip on hover", async () => {
    await renderAt('2025-06-15T11:55:00Z');

    expect(screen.getByText('5 minutes ago')).toHaveAttribute(
      'title',
      'Jun 15, 2025, 11:55:00 AM UTC',
    );
  });

  it('says so rather than crashing on an unreadable value', async () => {
    await renderAt('not a date');

    expect(screen.getByText('unknown time')).not.toHaveAttribute('datetime');
  });
});
