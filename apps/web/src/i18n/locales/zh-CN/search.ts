/** Chinese messages of the search feature: the source of its keys (see docs/style.md#language). */
export const search = {
  'search.tab.needs': '技术需求',
  'search.tab.achievements': '科技成果',
  'search.placeholder.needs': '输入关键词搜索技术需求',
  'search.placeholder.achievements': '输入关键词搜索科技成果',
  'search.filters': '筛选',
  'search.clear': '清除筛选',
  'search.trlRange': '技术成熟度（TRL）',
  'search.total_other': '共 {count, number} 条结果',
  'search.sort': '排序',
  'search.sort.relevance': '相关度',
  'search.sort.newest': '最新发布',
  'search.sort.deadline': '截止日期',
  'search.sort.budget': '预算金额',
  'search.sort.price': '转让价格',
  'search.empty': '没有找到符合条件的结果，试试换个关键词或减少筛选条件',
  'search.export': '导出 Excel',
};
