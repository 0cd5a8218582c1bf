import { Injector, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { form, required, submit, validate, type FieldTree } from '@angular/forms/signals';
import { FormErrors, type ShowErrors } from './form-errors';

/** A one-field form (a name, needed, at most 3 characters), its errors shown by `when`. */
function setUp(when: ShowErrors) {
  const errors = new FormErrors();
  const action = jest.fn(async () => undefined);
  const model = signal({ name: '' });
  const nameForm = form(
    model,
    (path) => {
      required(path.name, { message: 'Enter a name.' });
      validate(path.name, ({ value }) =>
        value().length > 3 ? { kind: 'tooLong', message: 'At most 3 characters.' } : null,
      );
    },
    { injector: TestBed.inject(Injector), submission: errors.submission({ action }) },
  );
  return {
    errors,
    action,
    name: errors.field(() => nameForm.name, when),
    leave: () => nameForm.name().markAsTouched(),
    type: (value: string) => nameForm.name().value.set(value),
    reset: () => nameForm.name().reset(''),
    submit: () => submit(nameForm),
  };
}

describe('FormErrors', () => {
  describe('after-submit', () => {
    it('says nothing while the field is typed or left', () => {
      const { name, type, leave } = setUp('after-submit');

      type('toolong');
      leave();

      expect(name.messages()).toEqual([]);
    });

    it('says what is wrong once a submit was attempted', async () => {
      const { name, submit } = setUp('after-submit');

      await submit();

      expect(name.messages()).toEqual(['Enter a name.']);
      expect(name.first()).toBe('Enter a name.');
    });

    it('counts a valid attempt too, until it is forgotten', async () => {
      const { errors, name, type, submit, action } = setUp('after-submit');
      type('ok');
      await submit();
      expect(action).toHaveBeenCalledTimes(1);

      type('');
      expect(name.first()).toBe('Enter a name.');

      errors.forget();
      expect(name.messages()).toEqual([]);
    });
  });

  describe('once-left', () => {
    it('shows once the field was left', () => {
      const { name, leave } = setUp('once-left');
      expect(name.messages()).toEqual([]);

      leave();

      expect(name.first()).toBe('Enter a name.');
    });

    it('shows after a submit attempt, which touches the field, and hides again on reset', async () => {
      const { name, submit, reset } = setUp('once-left');

      await submit();
      expect(name.first()).toBe('Enter a name.');

      reset();
      expect(name.messages()).toEqual([]);
    });
  });

  describe('once-filled', () => {
    it('leaves an empty field alone until a submit attempt', async () => {
      const { name, leave, submit } = setUp('once-filled');

      leave();
      expect(name.messages()).toEqual([]);

      await submit();
      expect(name.first()).toBe('Enter a name.');
    });

    it('says what is wrong with what is typed before any attempt', () => {
      const { name, type } = setUp('once-filled');

      type('toolong');

      expect(name.first()).toBe('At most 3 characters.');
    });
  });

  describe('until-edited', () => {
    it('shows the problems of what was submitted until it is edited', async () => {
      const { name, type, submit } = setUp('until-edited');
      type('toolong');
      await submit();
      expect(name.first()).toBe('At most 3 characters.');

      type('toolon');
      expect(name.messages()).toEqual([]);

      type('toolong');
      expect(name.first()).toBe('At most 3 characters.');
    });

    it('says nothing before an attempt', () => {
      const { name, type, leave } = setUp('until-edited');

      type('toolong');
      leave();

      expect(name.messages()).toEqual([]);
    });
  });

  it('says nothing for a field whose form is not built yet', () => {
    const notYet = signal<FieldTree<string> | undefined>(undefined);

    expect(new FormErrors().field(() => notYet(), 'once-left').messages()).toEqual([]);
  });
});
