import 'server-only';
import { userRowSchema, type UserRow } from '@/lib/schemas/user';
import { allowlistOf, listSchema, recordSchema } from '../read-log';
import { directorRecord, optionalInt, placeOf, vendorRef, vendorText, vendorPostalFields, vendorUuid } from './records';

/** The user fields ScanDeck reads; a `password` or key Director might add is never read. */
const userFields = {
  uuid: vendorUuid,
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

const userRow = allowlistOf(userRowSchema);

/** One Director user → ScanDeck's row; undefined (noted) when it has no usable id. */
export const readUser = directorRecord('user', userFields, (id, v): UserRow => {
  // Director's names that differ from ScanDeck's; every other field keeps its name.
  const { SCI, organization, sciUserID, sciRoleID, sciGroupID, ...same } = v;
  const row: UserRow = { id, ...same, ...placeOf({ SCI, organization }), sciUserId: sciUserID, sciRoleId: sciRoleID, sciGroupId: sciGroupID };
  return userRow(row);
});

export const userListSchema = listSchema(readUser, 'director /mgmt/user');
export const userRecordSchema = recordSchema(readUser, 'director /mgmt/user/{id}');
