import 'server-only';
import { z } from 'zod';

/** Tenable.sc sends numbers as strings; accept either. */
export const vendorInt = z.union([z.number().int(), z.string().trim().regex(/^-?\d+$/).transform(Number)]);
export const vendorBool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
/** Epoch seconds (as a string) → ISO 8601. */
export const vendorTime = vendorInt.transform((s) => new Date(s * 1000).toISOString());
export const vendorText = z.union([z.string(), z.number().transform(String)]);

/** `{id, name, description}` objects such as SCI and organization. */
export const vendorRef = z.object({
  id: vendorInt,
  name: vendorText.optional().default(''),
  description: vendorText.optional(),
});
