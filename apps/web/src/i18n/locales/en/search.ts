import type { English } from '../types';
import type { search as zh } from '../zh-CN/search';

/** English messages of the search feature: every Chinese key, plus `_one` for each plural. */
export const search: English<typeof zh> = {
  'search.tab.needs': 'Technical needs',
  'search.tab.achievements': 'Research achievements',
  'search.placeholder.needs': 'Keywords to search technical needs',
  'search.placeholder.achievements': 'Keywords to search research achievements',
  'search.filters': 'Filters',
  'search.clear': 'Clear filters',
  'search.trlRange': 'Technology readiness (TRL)',
  'search.trlFrom': 'Lowest technology readiness',
  'search.trlTo': 'Highest technology readiness',
  'search.total_one': '{count, number} result',
  'search.total_other': '{count, number} results',
  'search.sort': 'Sort',
  'search.sort.relevance': 'Relevance',
  'search.sort.newest': 'Newest',
  'search.sort.deadline': 'Deadline',
  'search.sort.budget': 'Budget',
  'search.sort.price': 'Price',
  'search.empty': 'Nothing found; try other keywords or fewer filters',
  'search.export': 'Export to Excel',
};
