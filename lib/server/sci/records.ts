import 'server-only';
import { z } from 'zod';
import { vendorInt, vendorText } from '../director/records';

/** A user as an SCI names one inside another record (a parent) or in its user list: its own ids. */
export const vendorSciUser = z.object({
  id: vendorInt,
  uuid: vendorText.optional().default(''),
  username: vendorText.optional().default(''),
  firstname: vendorText.optional().default(''),
  lastname: vendorText.optional().default(''),
});
