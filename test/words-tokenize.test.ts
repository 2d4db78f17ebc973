import { expect } from '@open-wc/testing';
import { normalizeWord, tokenize } from '../src/text/tokenize.js';
import { DEFAULT_SURVEY } from '../src/definition/default-survey.js';

const words = (statement: string) => tokenize(statement).map((token) => token.word);

describe('tokenize (words question)', () => {
  it('splits on any white space and numbers every token from zero', () => {
    const tokens = tokenize('  we are\tcaring\n and  compassionate ');
    expect(tokens.map((t) => [t.position, t.word])).to.deep.equal([
      [0, 'we'],
      [1, 'are'],
      [2, 'caring'],
      [3, 'and'],
      [4, 'compassionate'],
    ]);
  });

  it('keeps trailing punctuation visible but out of the word', () => {
    expect(tokenize('staff,')[0]).to.deep.equal({
      position: 0,
      before: '',
      word: 'staff',
      after: ',',
    });
    expect(tokenize('mission.')[0]).to.include({ word: 'mission', after: '.' });
  });

  it('keeps leading punctuation out of the word too', () => {
    expect(tokenize('(optional)')[0]).to.deep.equal({
      position: 0,
      before: '(',
      word: 'optional',
      after: ')',
    });
    expect(tokenize('“quoted”,')[0]).to.include({ before: '“', word: 'quoted', after: '”,' });
  });

  it('keeps hyphenated words and curly apostrophes whole', () => {
    expect(words('to co-create and improve')).to.deep.equal(['to', 'co-create', 'and', 'improve']);
    expect(words('a person’s experience')).to.deep.equal(['a', 'person’s', 'experience']);
  });

  it('gives a token of punctuation alone no word, but still counts its position', () => {
    const tokens = tokenize('care – and research');
    expect(tokens[1]).to.deep.equal({ position: 1, before: '–', word: '', after: '' });
    expect(tokens[2]).to.include({ position: 2, word: 'and' });
  });

  it('keeps digits and accented letters as words', () => {
    expect(words('For 100 years, café')).to.deep.equal(['For', '100', 'years', 'café']);
  });

  it('tokenises the built-in values statements with stable positions', () => {
    const values = DEFAULT_SURVEY.questions.find((q) => q.id === 'values');
    if (values?.type !== 'words') throw new Error('no values question');
    const first = tokenize(values.statements[0]);
    expect(first[0].word).to.equal('we');
    expect(first.find((t) => t.word === 'co-create')?.position).to.equal(8);
    const last = tokenize(values.statements[5]);
    expect(last.at(-1)).to.include({ word: 'mission', after: '.' });
    expect(tokenize(values.statements[5])[3]).to.include({ word: 'others', after: ',' });
  });

  it('normalises words for exclude: case, punctuation and apostrophe style', () => {
    expect(normalizeWord('The')).to.equal('the');
    expect(normalizeWord(' staff, ')).to.equal('staff');
    expect(normalizeWord("person's")).to.equal(normalizeWord('Person’s'));
  });
});
