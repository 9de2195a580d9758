/**
 * The portal's top-level columns (政府网站发展指引 column families; websites-and-new-media.md §2.3).
 * Features fill them as they arrive; until then a column says plainly that it has no items.
 */
export const COLUMNS = [
  { key: 'xxgk', name: '信息公开', type: '信息发布', description: '政府信息公开指南、公开目录、机构职能和年度报告。' },
  { key: 'zcjd', name: '政策解读', type: '解读回应', description: '对本机构政策文件的文字、图示和视频解读。' },
  { key: 'hygq', name: '回应关切', type: '解读回应', description: '对社会关注热点问题的回应。' },
  { key: 'bsfw', name: '办事服务', type: '办事服务', description: '政务服务事项的办事指南、表格下载和在线办理。' },
  { key: 'hdjl', name: '互动交流', type: '互动交流', description: '咨询、建议、投诉和意见征集。' },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];
export const columnByKey = (k: string) => COLUMNS.find((c) => c.key === k);
