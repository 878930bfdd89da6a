import 'server-only';
import { z } from 'zod';
import { userRowSchema, type UserRow } from '@/lib/schemas/user';
import { listSchema, present, recordSchema } from '../read-log';
import { directorRecord, optionalInt, toRef, vendorRef, vendorText } from './records';

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
  address: vendorText,
  city: vendorText,
  state: vendorText,
  country: vendorText,
  phone: vendorText,
  fax: vendorText,
};

/** One Director user → ScanDeck's row; undefined (noted) when it has no usable id. */
export const readUser = directorRecord('user', userFields, (id, v): UserRow => {
  const row: UserRow = {
    id,
    uuid: v.uuid,
    sciUserId: v.sciUserID,
    sciRoleId: v.sciRoleID,
    sciGroupId: v.sciGroupID,
    sci: v.SCI && toRef(v.SCI),
    organization: v.organization && toRef(v.organization),
    username: v.username,
    firstname: v.firstname,
    lastname: v.lastname,
    email: v.email,
    title: v.title,
    address: v.address,
    city: v.city,
    state: v.state,
    country: v.country,
    phone: v.phone,
    fax: v.fax,
  };
  return userRowSchema.parse(present(row));
});

export const userListSchema = listSchema(readUser, 'director /mgmt/user');
export const userRecordSchema = recordSchema(readUser, 'director /mgmt/user/{id}');
