import 'server-only';

/** Views one user keeps per page; a save past it (of a new name) is refused with ViewsLimitError. */
export const maxViewsPerPage = 20;

/** Saving a new view past maxViewsPerPage; the route answers 400 with this message on the name field. */
export class ViewsLimitError extends Error {
  constructor() {
    super(`You can keep at most ${maxViewsPerPage} saved views per page: delete one first.`);
    this.name = 'ViewsLimitError';
  }
}

/** setDefault with an id that is not one of the user's views of that page. */
export class ViewNotFoundError extends Error {
  constructor() {
    super('No such saved view.');
    this.name = 'ViewNotFoundError';
  }
}
