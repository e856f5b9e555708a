import { Type } from '@sinclair/typebox';
import { maxAmount } from './currencies.js';
import { idPattern } from '../platform/tenancy/ids.js';

export const ProductId = Type.String({ pattern: idPattern('prod'), description: 'prod_ and 24 characters' });
export const PriceId = Type.String({ pattern: idPattern('price'), description: 'price_ and 24 characters' });
export const Currency = Type.String({ pattern: '^[A-Za-z]{3}$', description: 'ISO 4217 code, e.g. usd, eur, jpy (stored lowercase)' });
export const Amount = Type.Integer({ minimum: 1, maximum: maxAmount, description: 'Integer minor units of the currency (cents; yen for jpy)' });
export const MaxQuantity = Type.Integer({ minimum: 1, maximum: 999, description: 'Most units a buyer may take; 1 means no quantity choice' });
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const ProductSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('product'),
  mode: Type.String(),
  name: Type.String(),
  description: Type.String(),
  archived: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const PriceSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('price'),
  mode: Type.String(),
  productId: Type.String(),
  nickname: Type.String(),
  type: Type.Union([Type.Literal('fixed'), Type.Literal('custom')]),
  currency: Type.String(),
  unitAmount: Nullable(Type.Integer()),
  maxQuantity: Type.Integer(),
  minAmount: Nullable(Type.Integer()),
  maxAmount: Nullable(Type.Integer()),
  /** Display of the amount or bounds, e.g. "$12.00" or "$5.00 – $500.00". */
  display: Type.String(),
  archived: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
