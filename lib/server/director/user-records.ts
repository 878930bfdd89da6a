import 'server-only';
import { z } from 'zod';
import { userRowSchema, type UserRow } from '@/lib/schemas/user';
import { listSchema, present, recordSchema } from '../read-log';
import { directorRecord, optionalInt, placeOf, vendorRef, vendorText, vendorPostalFields } from './records';

/** The user fields ScanDeck reads; a `password` or key Director might add is never read. */
const userFields = {
  uuid: z.string().min(1),
  sciUserID: optionalInt,
  sciRoleID: optionalInt,
  sciGroupID: optionalInt,
  SCI: vendorRef,
  organization: vendorRef,
  username: vendorText,
  firstname: vendorText,
  lastname: vendorText,
  email: vendorText,
  title: vendorText,
  ...vendorPostalFields,
};

/** One Director user → ScanDeck's row; undefined (noted) when it has no usable id. */
export const readUser = directorRecord('user', userFields, (id, v): UserRow => {
  // Director's names that differ from ScanDeck's; every other field keeps its name.
  const { SCI, organization, sciUserID, sciRoleID, sciGroupID, ...same } = v;
  const row: UserRow = { id, ...same, ...placeOf({ SCI, organization }), sciUserId: sciUserID, sciRoleId: sciRoleID, sciGroupId: sciGroupID };
  return userRowSchema.parse(present(row));
});

export const userListSchema = listSchema(readUser, 'director /mgmt/user');
export const userRecordSchema = recordSchema(readUser, 'director /mgmt/user/{id}');
