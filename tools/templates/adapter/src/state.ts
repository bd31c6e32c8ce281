/**
 * What the sources read and the model computes on, shared by both sides. The
 * preset source reads nothing, so the state is empty (`null`); a live source
 * would put its validated chain figures here (types only, no I/O).
 */
export type __PASCAL_NAME__State = null;
