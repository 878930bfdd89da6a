import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

export const metadata: Metadata = { title: 'Page not found' };

/**
 * Any address no page answers lands here, inside the console's layout: the console's not-found
 * page, with the header and a way back. No loading.tsx stands above it (the console's loading
 * states live in each section), so notFound() is thrown before anything streams and the answer
 * keeps its 404 status.
 */
export default function MissingPage(): never {
  notFound();
}
