/**
 * The state of one server read: loading, loaded (data), or failed (error). `reload()` keeps the
 * data on screen while the new read runs, so lists do not flash; a late answer to an older read
 * is ignored.
 */
export class Resource<T> {
	data = $state.raw<T | undefined>(undefined);
	error = $state.raw<unknown>(undefined);
	loading = $state(true);
	#seq = 0;

	constructor(
		private readonly load: () => Promise<T>,
		initial?: Promise<T>,
	) {
		void this.#track(initial ?? load());
	}

	reload(): Promise<void> {
		return this.#track(this.load());
	}

	async #track(promise: Promise<T>): Promise<void> {
		const seq = ++this.#seq;
		this.loading = true;
		try {
			const data = await promise;
			if (seq !== this.#seq) return;
			this.data = data;
			this.error = undefined;
		} catch (error) {
			if (seq !== this.#seq) return;
			this.error = error;
		} finally {
			if (seq === this.#seq) this.loading = false;
		}
	}
}
