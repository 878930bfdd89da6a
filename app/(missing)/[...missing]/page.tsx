import { notFound } from 'next/navigation';

/** Any address no page answers: the 404 inside the console frame ((missing)/layout.tsx). */
export default function MissingPage(): never {
  notFound();
}
