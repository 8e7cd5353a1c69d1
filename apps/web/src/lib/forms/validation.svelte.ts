import { mount, tick, unmount } from 'svelte';
import { m } from '$lib/paraglide/messages.js';
import ErrorSummary from './ErrorSummary.svelte';

/**
 * The app's own form validation, in the page's language (issue #19): no browser bubbles (those
 * speak the browser's language), the constraints written on the fields (`required`, `type=email`,
 * `minlength`, `min`, `pattern`, …) checked on submit, each failure shown above its field and in a
 * GOV.UK error summary at the top of the form, which takes focus and is announced.
 *
 * Used as an attachment: `<form {@attach validated} onsubmit={…}>`. A submission with errors never
 * reaches the form's own handler (the check listens first, in the capture phase).
 */
export type FieldError = { id: string; label: string; message: string; element: FormField };

type FormField = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

let counter = 0;

function text(element: Element | null | undefined): string {
	if (!element) return '';
	const copy = element.cloneNode(true) as Element;
	// A label's hint, error or visually hidden extras are not its name.
	copy.querySelectorAll('.hint, .field-error, .visually-hidden').forEach((extra) => extra.remove());
	return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** What the field is called: its label, or its group's legend (radios, checkboxes, the date and time parts). */
function labelOf(field: FormField): string {
	const group = field.closest('fieldset');
	if (group && (field.type === 'radio' || field.type === 'checkbox' || group.hasAttribute('data-field-group')))
		return text(group.querySelector('legend'));
	return text(field.labels?.[0]) || field.getAttribute('aria-label') || '';
}

/** The message for a field's first failed constraint, from the message catalogue. */
export function messageFor(field: FormField): string {
	const v = field.validity;
	if (v.valueMissing)
		return field.type === 'radio' || field.type === 'checkbox' || field instanceof HTMLSelectElement
			? m.validation_choose()
			: m.validation_required();
	if (v.typeMismatch && field.type === 'email') return m.validation_email();
	if (v.typeMismatch && field.type === 'url') return m.validation_url();
	if (v.tooShort) return m.validation_too_short({ min: field.getAttribute('minlength') ?? '' });
	if (v.tooLong) return m.validation_too_long({ max: field.getAttribute('maxlength') ?? '' });
	if (v.rangeUnderflow) return m.validation_range_low({ min: field.getAttribute('min') ?? '' });
	if (v.rangeOverflow) return m.validation_range_high({ max: field.getAttribute('max') ?? '' });
	if (v.customError) return field.validationMessage;
	return field.dataset.formatMessage ?? m.validation_format();
}

/** Every failing field of the form, one error per radio group, in document order. */
export function checkForm(form: HTMLFormElement): FieldError[] {
	const errors: FieldError[] = [];
	const seenGroups = new Set<string>();
	for (const element of Array.from(form.elements)) {
		if (!(
			element instanceof HTMLInputElement ||
			element instanceof HTMLSelectElement ||
			element instanceof HTMLTextAreaElement
		))
			continue;
		if (!element.willValidate || element.validity.valid) continue;
		if (element.type === 'radio') {
			if (seenGroups.has(element.name)) continue;
			seenGroups.add(element.name);
		}
		if (!element.id) element.id = `field-${++counter}`;
		errors.push({ id: element.id, label: labelOf(element), message: messageFor(element), element });
	}
	return errors;
}

/** Shows each error above its field (inside the group for radios), linked by aria-describedby. */
function markFields(errors: FieldError[]): () => void {
	const undo: (() => void)[] = [];
	for (const error of errors) {
		const field = error.element;
		const note = document.createElement('p');
		note.className = 'field-error';
		note.id = `${error.id}-error`;
		const prefix = document.createElement('span');
		prefix.className = 'visually-hidden';
		prefix.textContent = `${m.validation_error_prefix()} `;
		note.append(prefix, error.message);
		const group = field.closest('fieldset');
		const inGroup =
			group && (field.type === 'radio' || field.type === 'checkbox' || group.hasAttribute('data-field-group'));
		const legend = inGroup ? group.querySelector('legend') : null;
		if (legend) legend.after(note);
		else field.before(note);
		const describedBy = field.getAttribute('aria-describedby');
		field.setAttribute('aria-describedby', describedBy ? `${note.id} ${describedBy}` : note.id);
		field.setAttribute('aria-invalid', 'true');
		(inGroup ? group : field.closest('.field'))?.classList.add('has-error');
		undo.push(() => {
			note.remove();
			if (describedBy) field.setAttribute('aria-describedby', describedBy);
			else field.removeAttribute('aria-describedby');
			field.removeAttribute('aria-invalid');
			(inGroup ? group : field.closest('.field'))?.classList.remove('has-error');
		});
	}
	return () => undo.splice(0).forEach((step) => step());
}

export function validated(form: HTMLFormElement): () => void {
	form.noValidate = true;
	const host = document.createElement('div');
	form.prepend(host);
	const props = $state<{ errors: FieldError[] }>({ errors: [] });
	const summary = mount(ErrorSummary, { target: host, props });
	let clearMarks = () => {};

	async function onSubmit(event: SubmitEvent) {
		clearMarks();
		const errors = checkForm(form);
		props.errors = errors;
		if (errors.length === 0) return;
		event.preventDefault();
		event.stopImmediatePropagation();
		clearMarks = markFields(errors);
		await tick();
		host.querySelector<HTMLElement>('.error-summary')?.focus();
	}
	form.addEventListener('submit', onSubmit, { capture: true });
	return () => {
		form.removeEventListener('submit', onSubmit, { capture: true });
		clearMarks();
		void unmount(summary);
		host.remove();
	};
}
