import { render, screen } from '@testing-library/angular';
import { Field, FieldControl } from './field';

interface FieldInputs {
  hint?: string;
  warning?: string;
  error?: string;
  invalid?: boolean;
  describedBy?: string | null;
}

/** One field around an input, as the features write it, with a refusal beside it. */
async function renderField(inputs: FieldInputs) {
  await render(
    `<pdm-field label="Name" [hint]="hint" [warning]="warning" [error]="error" [invalid]="invalid"
        [describedBy]="describedBy">
       <input pdmFieldControl />
     </pdm-field>
     <p id="refusal">The API refused it.</p>`,
    {
      imports: [Field, FieldControl],
      componentProperties: {
        hint: '',
        warning: '',
        error: '',
        invalid: false,
        describedBy: null,
        ...inputs,
      },
    },
  );
  return screen.getByRole('textbox', { name: 'Name' });
}

describe('Field', () => {
  it('labels its control and describes it by the hint', async () => {
    const control = await renderField({ hint: 'Where it will be used.' });

    expect(control).toHaveAccessibleDescription('Where it will be used.');
    expect(control).toHaveAttribute('aria-invalid', 'false');
    expect(control).toHaveClass('field-control');
  });

  it('shows the error in the hint’s place, in the error colour, and marks the control invalid', async () => {
    const control = await renderField({ hint: 'Where it will be used.', error: 'Too long.' });

    expect(control).toHaveAccessibleDescription('Too long.');
    expect(control).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('Where it will be used.')).not.toBeInTheDocument();
    expect(screen.getByText('Too long.')).toHaveClass('supporting-text', 'error');
  });

  it('shows a warning in the hint’s place without calling the control invalid', async () => {
    const control = await renderField({ hint: 'Where it will be used.', warning: 'Name in use.' });

    expect(control).toHaveAccessibleDescription('Name in use.');
    expect(control).toHaveAttribute('aria-invalid', 'false');
    expect(screen.getByText('Name in use.')).toHaveClass('warning');
  });

  it('is described by other elements too, and marked invalid while they say what is wrong', async () => {
    const control = await renderField({
      hint: 'One per line.',
      invalid: true,
      describedBy: 'refusal',
    });

    expect(control).toHaveAccessibleDescription('One per line. The API refused it.');
    expect(control).toHaveAttribute('aria-invalid', 'true');
  });

  it('is described by nothing when it has nothing to say', async () => {
    const control = await renderField({});

    expect(control).not.toHaveAttribute('aria-describedby');
  });
});
