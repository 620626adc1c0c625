// A reporting unit (填报单位) as the township office keeps it: loaded as data (D1 in the Worker), never a constant.
import { z } from 'zod';

export const UnitKind = z.enum(['village', 'office']);
export type UnitKind = z.infer<typeof UnitKind>;

/** Unit ids are short ASCII slugs ("v-dinglai"); once used, an id is never given to another unit. */
export const UnitId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'unit id must be 2–40 lowercase letters, digits or "-", starting with a letter');

export const Unit = z.object({
  id: UnitId,
  name: z.string().trim().min(1).max(50),
  kind: UnitKind,
  /** Other spellings met in documents (the 2023 plan writes both 村镇规划建设服务中心 and 村镇规划服务中心). */
  aliases: z.array(z.string().trim().min(1).max(50)).max(20),
  contactName: z.string().trim().max(50).nullable(),
  contactPhone: z.string().trim().max(30).nullable(),
  active: z.boolean(),
});
export type Unit = z.infer<typeof Unit>;

/** POST /admin/units: a new unit; aliases and contacts optional. */
export const UnitCreate = z.strictObject({
  id: UnitId,
  name: Unit.shape.name,
  kind: UnitKind,
  aliases: Unit.shape.aliases.default([]),
  contactName: Unit.shape.contactName.default(null),
  contactPhone: Unit.shape.contactPhone.default(null),
});
export type UnitCreate = z.infer<typeof UnitCreate>;

/** PATCH /admin/units/:id: rename, aliases, contact, (de)activate. The id and kind never change. */
export const UnitPatch = z
  .strictObject({
    name: Unit.shape.name,
    aliases: Unit.shape.aliases,
    contactName: Unit.shape.contactName,
    contactPhone: Unit.shape.contactPhone,
    active: z.boolean(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type UnitPatch = z.infer<typeof UnitPatch>;
