import { Type } from '@sinclair/typebox';
import { maxAmount } from '../platform/money/currencies.js';
import { ModeSchema } from '../accounts/schemas.js';
import { priceTypes } from '../platform/db/schema.js';
import { idPattern } from '../platform/tenancy/ids.js';

export const ProductId = Type.String({ pattern: idPattern('prod'), description: 'prod_ and 24 characters' });
export const PriceId = Type.String({ pattern: idPattern('price'), description: 'price_ and 24 characters' });
export const Currency = Type.String({ pattern: '^[A-Za-z]{3}$', description: 'ISO 4217 code, e.g. usd, eur, jpy (stored lowercase)' });
export const Amount = Type.Integer({ minimum: 1, maximum: maxAmount, description: 'Integer minor units of the currency (cents; yen for jpy)' });
export const MaxQuantity = Type.Integer({ minimum: 1, maximum: 999, description: 'Most units a buyer may take; 1 means no quantity choice' });
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const PriceTypeSchema = Type.Union(priceTypes.map((t) => Type.Literal(t)), { description: 'fixed: the price sets the amount; custom: the buyer chooses it between minAmount and maxAmount' });

export const ProductSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('product'),
  mode: ModeSchema,
  name: Type.String(),
  description: Type.String(),
  archived: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const PriceSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('price'),
  mode: ModeSchema,
  productId: Type.String(),
  nickname: Type.String(),
  type: PriceTypeSchema,
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

const ProductName = Type.String({ minLength: 1, maxLength: 200 });
const ProductDescription = Type.String({ maxLength: 2000 });
const Nickname = Type.String({ maxLength: 200 });
const Archived = Type.Boolean({ description: 'true archives, false restores' });

export const CreateProductBody = Type.Object({ name: ProductName, description: Type.Optional(ProductDescription) }, { additionalProperties: false });
export const UpdateProductBody = Type.Object(
  { name: Type.Optional(ProductName), description: Type.Optional(ProductDescription), archived: Type.Optional(Archived) },
  { additionalProperties: false },
);

/** What a price's owner may change later; its product, type and currency are fixed at creation. */
const PriceAmountFields = {
  nickname: Type.Optional(Nickname),
  unitAmount: Type.Optional(Amount),
  maxQuantity: Type.Optional(MaxQuantity),
  minAmount: Type.Optional(Amount),
  maxAmount: Type.Optional(Amount),
};
export const CreatePriceBody = Type.Object(
  { productId: Type.String({ maxLength: 64 }), type: PriceTypeSchema, currency: Currency, ...PriceAmountFields },
  { additionalProperties: false },
);
export const UpdatePriceBody = Type.Object({ ...PriceAmountFields, archived: Type.Optional(Archived) }, { additionalProperties: false });
