import { GraphQLError } from 'graphql';
import { ENGLISH_MESSAGE, InputError } from '../../src/common/errors';
import { bilingual, preferredLanguage } from '../../src/common/language';
import { localizeError } from '../../src/gateway/language';

describe('preferredLanguage (Accept-Language)', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['fr-FR, de;q=0.5', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en;q=0.5, zh-TW;q=0.8', 'zh-CN'],
    ['fr, en;q=0.3', 'en'],
    ['en;q=0, zh;q=0', 'zh-CN'],
    ['en, zh', 'zh-CN'], // a tie goes to the default
  ])('%j → %s', (header, language) => {
    expect(preferredLanguage(header)).toBe(language);
  });
});

describe('localizeError', () => {
  const error = new InputError(bilingual('代码无效', 'invalid code'), { field: 'code' });
  const formatted = () => error.toJSON();

  it('answers in Chinese by default and in English on request, with the same code and field, without the carrier', () => {
    const zh = localizeError(formatted(), 'zh-CN');
    const en = localizeError(formatted(), 'en');
    expect([zh.message, en.message]).toEqual(['代码无效', 'invalid code']);
    for (const answer of [zh, en]) {
      expect(answer.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'code' });
      expect(answer.extensions).not.toHaveProperty(ENGLISH_MESSAGE);
    }
  });

  it('leaves an error with one text alone', () => {
    const single = new GraphQLError('Syntax Error', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } }).toJSON();
    expect(localizeError(single, 'en')).toBe(single);
  });
});
