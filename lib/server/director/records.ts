import 'server-only';
import { z } from 'zod';
import { fastPathOf, isObject, noteRecord, readFields, unsure, withFastPath, type ReadFields, type ReadLog, type RecordReader } from '../read-log';

const digits = /^-?\d+$/;

/** Tenable.sc sends numbers as strings; accept either. */
export const vendorInt = withFastPath(z.union([z.number().int(), z.string().trim().regex(digits).transform(Number)]), (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) ? v : typeof v === 'string' && digits.test(v) ? Number(v) : unsure,
);
export const vendorBool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
/** Epoch seconds (as a string) → ISO 8601. */
export const vendorTime = vendorInt.transform((s) => new Date(s * 1000).toISOString());
export const vendorText = withFastPath(z.union([z.string(), z.number().transform(String)]), (v) => (typeof v === 'string' ? v : unsure));

/** A uuid, or any id Director spells as text: present and not empty. */
export const vendorUuid = withFastPath(z.string().min(1), (v) => (typeof v === 'string' && v !== '' ? v : unsure));

/** Where to reach an organization or user (a security manager's too), read as text. */
export const vendorPostalFields = {
  address: vendorText,
  city: vendorText,
  state: vendorText,
  country: vendorText,
  phone: vendorText,
  fax: vendorText,
};

/** `""` where a value is expected means "not set", not an unreadable field. */
const blank = z.literal('').transform(() => undefined);
export const optionalInt = withFastPath(
  z.union([blank, vendorInt]),
  (v) => (v === '' ? undefined : fastPathOf(vendorInt)(v)) as number | undefined | typeof unsure,
);
export const optionalTime = z.union([blank, vendorTime]);
export const optionalBool = z.union([blank, vendorBool]);
/** Whole numbers or fractions, as numbers or strings. */
export const vendorNumber = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

/** `{id, name, description}` objects such as SCI and organization; a missing name reads as "". */
export const vendorRef = withFastPath(
  z.object({
    id: vendorInt,
    name: vendorText.optional().default(''),
    description: vendorText.optional(),
  }),
  (v) => {
    if (!isObject(v)) return unsure;
    const id = fastPathOf(vendorInt)(v.id);
    const { name = '', description } = v;
    if (id === unsure || typeof name !== 'string' || (description !== undefined && typeof description !== 'string')) return unsure;
    return description === undefined ? { id: id as number, name } : { id: id as number, name, description };
  },
);

export function toRef(r: z.output<typeof vendorRef>): { id: number; name: string; description?: string } {
  return r.description === undefined ? { id: r.id, name: r.name } : { id: r.id, name: r.name, description: r.description };
}

type VendorRef = z.output<typeof vendorRef>;

/** Where a record lives, as scans and users name it: its SCI and its organization. */
export function placeOf(v: { SCI?: VendorRef | undefined; organization?: VendorRef | undefined }) {
  return { sci: v.SCI && toRef(v.SCI), organization: v.organization && toRef(v.organization) };
}

/**
 * A reference by object (`policy`, `zone`, `owner` ...), as Director's Allowed Fields name them:
 * with or without `uuid`, `id`, `name`, `description`, or a user's `username`/`firstname`/
 * `lastname`. At least one of uuid, id or name must be there to say what it points at.
 */
export const vendorObjectRef = z
  .object({
    uuid: z.string().optional(),
    id: vendorInt.optional(),
    name: vendorText.optional(),
    description: vendorText.optional(),
    username: vendorText.optional(),
    firstname: vendorText.optional(),
    lastname: vendorText.optional(),
  })
  .nullable()
  .refine((o) => o === null || o.uuid !== undefined || o.id !== undefined || o.name !== undefined || o.username !== undefined, {
    message: 'names nothing',
  });

export type ObjectRef = { uuid?: string; id?: number; name?: string } | null;

/**
 * Reads a reference in either documented form: the object (`zone`) or the flat string
 * (`zoneUUID`), the object winning when both came. `""`, a null object, or an object whose only
 * identity is an empty uuid mean "none".
 */
export function objectRef(flat: string | undefined, object: z.output<typeof vendorObjectRef> | undefined): ObjectRef | undefined {
  if (object !== undefined) {
    if (object === null) return null;
    const person = [object.firstname, object.lastname].filter(Boolean).join(' ');
    const name = object.name || (object.username ? (person ? `${person} (${object.username})` : object.username) : undefined);
    const uuid = object.uuid === '' ? undefined : object.uuid;
    if (uuid === undefined && object.id === undefined && name === undefined) return null;
    return {
      ...(uuid !== undefined ? { uuid } : {}),
      ...(object.id !== undefined ? { id: object.id } : {}),
      ...(name !== undefined ? { name } : {}),
    };
  }
  if (flat === undefined) return undefined;
  return flat === '' ? null : { uuid: flat };
}

/** A record's label in unreadable reasons: its kind and id, never its contents. */
export function recordLabel(kind: string, raw: Record<string, unknown>): string {
  const id = raw.id;
  return typeof id === 'string' || typeof id === 'number' ? `${kind} ${String(id).slice(0, 40)}` : `${kind} without id`;
}

/**
 * A reader of one kind of Director record: skips (and notes) a record that is not an object or
 * has no usable numeric id, reads the allowlisted fields one by one, and builds the row from them.
 */
export function directorRecord<S extends Parameters<typeof readFields>[1], T>(
  kind: string,
  fields: S,
  build: (id: number, v: ReadFields<S>) => T | undefined,
): RecordReader<T> {
  return (raw: unknown, log: ReadLog): T | undefined => {
    if (!isObject(raw)) {
      noteRecord(log, kind, 'not an object');
      return undefined;
    }
    const label = recordLabel(kind, raw);
    const fast = fastPathOf(vendorInt)(raw.id);
    const id = fast === unsure ? vendorInt.safeParse(raw.id) : { success: true as const, data: fast as number };
    if (!id.success) {
      noteRecord(log, label, 'no usable id');
      return undefined;
    }
    return build(id.data, readFields(raw, fields, log, label));
  };
}
