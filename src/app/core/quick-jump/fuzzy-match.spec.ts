import { bestMatches, fuzzyScore } from './fuzzy-match';

describe('fuzzyScore', () => {
  it('does not match when a character is missing', () => {
    expect(fuzzyScore('xyz', 'demo media blog')).toBeNull();
  });

  it('matches the characters in order, scattered', () => {
    expect(fuzzyScore('dmb', 'demo media blog')).not.toBeNull();
    expect(fuzzyScore('bmd', 'demo media blog')).toBeNull();
  });

  it('ranks a match at the start above one at a word start above one inside a word', () => {
    const start = fuzzyScore('blog', 'blog.example.test')!;
    const word = fuzzyScore('blog', 'demo.blog.test')!;
    const inside = fuzzyScore('blog', 'myblogs.test')!;

    expect(start).toBeGreaterThan(word);
    expect(word).toBeGreaterThan(inside);
  });

  it('ranks a contiguous match above a scattered one', () => {
    expect(fuzzyScore('shop', 'shop.test')!).toBeGreaterThan(
      fuzzyScore('shop', 'secure-house-of-pets')!,
    );
  });
});

describe('bestMatches', () => {
  const sites = ['Scale test site-0042', 'Blog', 'Shop', 'Demo Media blog'].map((name) => ({
    name,
  }));
  const texts = (site: { name: string }) => [site.name.toLowerCase()];

  it('returns the best first and at most the limit', () => {
    expect(bestMatches(sites, 'blog', texts, 1).map((site) => site.name)).toEqual(['Blog']);
  });

  it('finds one among 5,000 by part of its hostname', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({
      name: `site-${String(i + 1).padStart(4, '0')}.scale.demo-media.test`,
    }));

    expect(bestMatches(many, 'site-4999', texts, 5)[0].name).toBe(
      'site-4999.scale.demo-media.test',
    );
  });

  it('keeps the input order for an empty query', () => {
    expect(bestMatches(sites, '  ', texts, 10)).toEqual(sites);
  });
});
