import { Type, type TSchema } from '@sinclair/typebox';

export const defaultPageSize = 20;

/** Query-string fields every list shares: page size, the id to continue after, and the archived filter. */
export const ListQueryFields = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: defaultPageSize })),
  cursor: Type.Optional(Type.String({ maxLength: 64, description: 'The nextCursor of the previous page' })),
  archived: Type.Optional(Type.Boolean({ description: 'Only archived (true) or only active (false) objects' })),
};

/** A page of a list: the items, and the cursor of the next page (null on the last page). */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export const page = <T extends TSchema>(item: T) => Type.Object({ data: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
