/**
 * The State Council's yearly holiday notices (国务院办公厅关于…部分节假日安排的通知), as reviewable data.
 * Each period lists the days off (inclusive) and the weekend days worked in exchange (调休上班).
 * Checked in the tests, day by day, against an independent source (the npm package chinese-days).
 * Years after the last one here are entered in the console when their notice appears.
 */
export interface NoticePeriod {
  festival: string;
  /** First and last day off, inclusive. */
  off: [string, string];
  /** Weekend days that are working days for this festival. */
  work: string[];
}

export interface YearNotice {
  year: number;
  notice: string;
  /** Later notices that changed the year's arrangement. */
  amendments?: string[];
  /** True where the notice number was not checked against the published text. */
  noticeUnverified?: boolean;
  periods: NoticePeriod[];
}

export const BUNDLED_NOTICES: YearNotice[] = [
  {
    year: 2019,
    notice: '国办发明电〔2018〕15号',
    amendments: ['国办发明电〔2019〕2号（劳动节调整为4天）'],
    periods: [
      { festival: '元旦', off: ['2018-12-30', '2019-01-01'], work: ['2018-12-29'] },
      { festival: '春节', off: ['2019-02-04', '2019-02-10'], work: ['2019-02-02', '2019-02-03'] },
      { festival: '清明节', off: ['2019-04-05', '2019-04-07'], work: [] },
      { festival: '劳动节', off: ['2019-05-01', '2019-05-04'], work: ['2019-04-28', '2019-05-05'] },
      { festival: '端午节', off: ['2019-06-07', '2019-06-09'], work: [] },
      { festival: '中秋节', off: ['2019-09-13', '2019-09-15'], work: [] },
      { festival: '国庆节', off: ['2019-10-01', '2019-10-07'], work: ['2019-09-29', '2019-10-12'] },
    ],
  },
  {
    year: 2020,
    notice: '国办发明电〔2019〕16号',
    amendments: ['国办发明电〔2020〕1号（春节假期延长至2月2日）'],
    periods: [
      { festival: '元旦', off: ['2020-01-01', '2020-01-01'], work: [] },
      { festival: '春节', off: ['2020-01-24', '2020-02-02'], work: ['2020-01-19'] },
      { festival: '清明节', off: ['2020-04-04', '2020-04-06'], work: [] },
      { festival: '劳动节', off: ['2020-05-01', '2020-05-05'], work: ['2020-04-26', '2020-05-09'] },
      { festival: '端午节', off: ['2020-06-25', '2020-06-27'], work: ['2020-06-28'] },
      { festival: '国庆节、中秋节', off: ['2020-10-01', '2020-10-08'], work: ['2020-09-27', '2020-10-10'] },
    ],
  },
  {
    year: 2021,
    notice: '国办发明电〔2020〕27号',
    periods: [
      { festival: '元旦', off: ['2021-01-01', '2021-01-03'], work: [] },
      { festival: '春节', off: ['2021-02-11', '2021-02-17'], work: ['2021-02-07', '2021-02-20'] },
      { festival: '清明节', off: ['2021-04-03', '2021-04-05'], work: [] },
      { festival: '劳动节', off: ['2021-05-01', '2021-05-05'], work: ['2021-04-25', '2021-05-08'] },
      { festival: '端午节', off: ['2021-06-12', '2021-06-14'], work: [] },
      { festival: '中秋节', off: ['2021-09-19', '2021-09-21'], work: ['2021-09-18'] },
      { festival: '国庆节', off: ['2021-10-01', '2021-10-07'], work: ['2021-09-26', '2021-10-09'] },
    ],
  },
  {
    year: 2022,
    notice: '国办发明电〔2021〕11号',
    periods: [
      { festival: '元旦', off: ['2022-01-01', '2022-01-03'], work: [] },
      { festival: '春节', off: ['2022-01-31', '2022-02-06'], work: ['2022-01-29', '2022-01-30'] },
      { festival: '清明节', off: ['2022-04-03', '2022-04-05'], work: ['2022-04-02'] },
      { festival: '劳动节', off: ['2022-04-30', '2022-05-04'], work: ['2022-04-24', '2022-05-07'] },
      { festival: '端午节', off: ['2022-06-03', '2022-06-05'], work: [] },
      { festival: '中秋节', off: ['2022-09-10', '2022-09-12'], work: [] },
      { festival: '国庆节', off: ['2022-10-01', '2022-10-07'], work: ['2022-10-08', '2022-10-09'] },
    ],
  },
  {
    year: 2023,
    notice: '国办发明电〔2022〕16号',
    periods: [
      { festival: '元旦', off: ['2022-12-31', '2023-01-02'], work: [] },
      { festival: '春节', off: ['2023-01-21', '2023-01-27'], work: ['2023-01-28', '2023-01-29'] },
      { festival: '清明节', off: ['2023-04-05', '2023-04-05'], work: [] },
      { festival: '劳动节', off: ['2023-04-29', '2023-05-03'], work: ['2023-04-23', '2023-05-06'] },
      { festival: '端午节', off: ['2023-06-22', '2023-06-24'], work: ['2023-06-25'] },
      { festival: '中秋节、国庆节', off: ['2023-09-29', '2023-10-06'], work: ['2023-10-07', '2023-10-08'] },
    ],
  },
  {
    year: 2024,
    notice: '国办发明电〔2023〕7号',
    periods: [
      { festival: '元旦', off: ['2024-01-01', '2024-01-01'], work: [] },
      { festival: '春节', off: ['2024-02-10', '2024-02-17'], work: ['2024-02-04', '2024-02-18'] },
      { festival: '清明节', off: ['2024-04-04', '2024-04-06'], work: ['2024-04-07'] },
      { festival: '劳动节', off: ['2024-05-01', '2024-05-05'], work: ['2024-04-28', '2024-05-11'] },
      { festival: '端午节', off: ['2024-06-08', '2024-06-10'], work: [] },
      { festival: '中秋节', off: ['2024-09-15', '2024-09-17'], work: ['2024-09-14'] },
      { festival: '国庆节', off: ['2024-10-01', '2024-10-07'], work: ['2024-09-29', '2024-10-12'] },
    ],
  },
  {
    year: 2025,
    notice: '国办发明电〔2024〕12号',
    periods: [
      { festival: '元旦', off: ['2025-01-01', '2025-01-01'], work: [] },
      { festival: '春节', off: ['2025-01-28', '2025-02-04'], work: ['2025-01-26', '2025-02-08'] },
      { festival: '清明节', off: ['2025-04-04', '2025-04-06'], work: [] },
      { festival: '劳动节', off: ['2025-05-01', '2025-05-05'], work: ['2025-04-27'] },
      { festival: '端午节', off: ['2025-05-31', '2025-06-02'], work: [] },
      { festival: '国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], work: ['2025-09-28', '2025-10-11'] },
    ],
  },
  {
    year: 2026,
    notice: '国办发明电〔2025〕7号',
    noticeUnverified: true,
    periods: [
      { festival: '元旦', off: ['2026-01-01', '2026-01-03'], work: ['2026-01-04'] },
      { festival: '春节', off: ['2026-02-15', '2026-02-23'], work: ['2026-02-14', '2026-02-28'] },
      { festival: '清明节', off: ['2026-04-04', '2026-04-06'], work: [] },
      { festival: '劳动节', off: ['2026-05-01', '2026-05-05'], work: ['2026-05-09'] },
      { festival: '端午节', off: ['2026-06-19', '2026-06-21'], work: [] },
      { festival: '中秋节', off: ['2026-09-25', '2026-09-27'], work: [] },
      { festival: '国庆节', off: ['2026-10-01', '2026-10-07'], work: ['2026-09-20', '2026-10-10'] },
    ],
  },
];
