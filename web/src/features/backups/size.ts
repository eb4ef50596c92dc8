const sizeUnits = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** "4.2 MB": a size in bytes in the largest unit that keeps it at 1 or more (1 KB = 1024 bytes). */
export function formatSize(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < sizeUnits.length - 1) {
    size /= 1024;
    unit += 1;
  }
  const shown = unit === 0 || size >= 10 ? Math.round(size) : Math.round(size * 10) / 10;
  return `${shown} ${sizeUnits[unit]}`;
}
