/**
 * The letter an avatar shows: the first character of the name that can be seen, so that a name
 * starting with a direction control, a zero-width space or a combining mark still gets one.
 */
export function initialOf(name: string): string {
  return [...name].find((character) => !/[\p{C}\p{Z}\p{M}]/u.test(character))?.toUpperCase() ?? '?';
}

/** A person's picture, or their initial on a colour derived from their id. */
export function Avatar({ name, image, id, size = 36 }: { name: string; image?: string; id: number; size?: number }) {
  const style = { width: size, height: size, fontSize: size * 0.42 };
  if (image) return <img className="avatar" src={image} alt="" style={style} />;
  const hue = (id * 47) % 360;
  return (
    <span className="avatar" aria-hidden="true" style={{ ...style, background: `hsl(${hue} 55% 45%)` }}>
      {initialOf(name)}
    </span>
  );
}
