// Constants shared by the exp and log approximations.

export const LOG2E: f32 = 1.44269504088896341;
// ln 2 split in a part exact in float32 (few mantissa bits, so k·LN2_HI is exact) and the remainder.
export const LN2_HI: f32 = 0.693359375;
export const LN2_LO: f32 = -2.12194440e-4;
export const SQRT_HALF: f32 = 0.707106781186547524;
/** Smallest normal float32. */
export const MIN_NORMAL: f32 = 1.17549435e-38;
/** 2^23: scales a subnormal into the normal range. */
export const TWO_POW_23: f32 = 8388608.0;
