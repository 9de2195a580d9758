/** A label table (`{ key: label }`) as options for an antd Select. */
export const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
