// Before a client or member is created: the records whose name is the same once accents, case
// and spaces are ignored (the core compares them). A likely duplicate, not a refusal: two real
// people may share a name, so the person confirms and the record is created.

export class NamesakeCheck {
  found = $state<string[]>([]);
  #confirmed: string | null = null;

  constructor(private readonly lookup: (name: string) => Promise<string[]>) {}

  /** Whether `name` may be created now: no namesake, or the person confirmed this very name. */
  async clear(name: string): Promise<boolean> {
    if (this.#confirmed === name) return true;
    this.found = await this.lookup(name);
    return this.found.length === 0;
  }

  /** The person says it is another record of the same name. */
  confirm(name: string) {
    this.#confirmed = name;
    this.found = [];
  }

  dismiss() {
    this.found = [];
  }
}
