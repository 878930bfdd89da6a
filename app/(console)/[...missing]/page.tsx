import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

export const metadata: Metadata = { title: 'Page not found' };

/**
 * Any address no page answers lands here, inside the console's layout, so an unknown path gets the
 * app's header and a way back (the console's not-found page) with status 404, not a bare 404.
 */
export default function MissingPage(): never {
  notFound();
}
