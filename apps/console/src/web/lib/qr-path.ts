/**
 * An SVG path drawing the dark modules of a QR matrix, one unit square each, offset by the quiet zone that
 * scanners need around the code (4 modules).
 */
export const QR_QUIET_ZONE = 4;

export const qrPath = (modules: readonly (readonly boolean[])[]): string => {
  const squares: string[] = [];
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) squares.push(`M${x + QR_QUIET_ZONE} ${y + QR_QUIET_ZONE}h1v1h-1z`);
    }),
  );
  return squares.join('');
};

/** The side of the drawing, quiet zone included, for the SVG's viewBox. */
export const qrSide = (modules: readonly unknown[]): number => modules.length + 2 * QR_QUIET_ZONE;
