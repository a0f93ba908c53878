import { documentTerms, grams, highlight, highlightTerms, normalise, queryChunks, queryTerms, synonymVariants } from './chinese';

describe('Chinese analysis for search', () => {
  it('makes character bigrams, so a sub-word shares a token with the whole word', () => {
    expect(grams('南美白对虾')).toEqual(['南美', '美白', '白对', '对虾']);
    expect(grams('对虾')).toEqual(['对虾']);
    expect(grams('漂浮式')).toContain('浮式');
  });

  it('keeps Latin words and numbers whole and normalises full-width characters', () => {
    expect(normalise('ＣＣＵＳ技术')).toBe('ccus技术');
    expect(grams('CCUS 碳捕集 2026')).toEqual(['ccus', '碳捕', '捕集', '2026']);
  });

  it('widens a query with the taxonomy synonym groups', () => {
    expect(synonymVariants('育种技术')).toEqual(expect.arrayContaining(['育种技术', '选育技术', '良种培育技术']));
    expect(synonymVariants('风力发电')).toEqual(expect.arrayContaining(['风电']));
  });

  it('gives a query and a document the same tokens, so a sub-word finds the whole word', () => {
    const doc = documentTerms('漂浮式海上风电基础设计');
    expect(queryTerms('风电基础').filter((t) => !doc.includes(t))).toEqual([]);
    expect(doc).toEqual(expect.arrayContaining(['基础', '础设', '设计']));
    expect(queryTerms('养殖尾水 CCS 2026 x')).toEqual(['养殖', '殖尾', '尾水', queryTerms('ccs')[0], '2026']);
    expect(new Set(queryTerms('海水养殖尾水养殖')).size).toBe(queryTerms('海水养殖尾水养殖').length);
  });

  it('makes a synonym term of the query its group, which every document naming any term of the group holds', () => {
    const [group] = queryTerms('育种');
    expect(queryTerms('育种')).toHaveLength(1);
    expect(documentTerms('杂交水稻良种培育')).toContain(group);
    expect(documentTerms('对虾新品系选育')).toContain(group);
    expect(documentTerms('杂交水稻栽培')).not.toContain(group);
    // 育种技术: the group and the grams of the rest, not the bigram straddling the two.
    expect(queryTerms('育种技术')).toEqual([group, ...queryTerms('技术')]);
    // A Latin synonym only as a whole word: "ai" is not in "email".
    expect(documentTerms('email 推送')).not.toContain(queryTerms('AI')[0]);
    expect(documentTerms('AI 质检')).toContain(queryTerms('人工智能')[0]);
  });

  it('cuts a long query into chunks of at most five tokens instead of dropping its end', () => {
    const q = '基于深远海养殖平台的金鲳鱼高效健康养殖技术集成与示范应用';
    const chunks = queryChunks(q);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.split(' ').length).toBeLessThanOrEqual(5);
    expect(chunks.join(' ').split(' ')).toEqual(queryTerms(q));
    expect(queryChunks('浮式')).toHaveLength(1);
    expect(queryChunks('，。*')).toEqual([]);
  });

  it('highlights matches in escaped HTML, never passing markup through', () => {
    expect(highlight('海水养殖<script>', highlightTerms('养殖'))).toBe('海水<mark>养殖</mark>&lt;script&gt;');
    // 对虾 and 南美白对虾 are one synonym group: the whole name is marked.
    expect(highlight('南美白对虾苗种', highlightTerms('对虾'))).toBe('<mark>南美白对虾</mark>苗种');
    const long = `${'背景'.repeat(80)}海水养殖${'结尾'.repeat(80)}`;
    const excerpt = highlight(long, highlightTerms('养殖'), 60);
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt).toContain('<mark>养殖</mark>');
  });
});
