import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { fixFrenchMessage } from '@/scripts/messages/french-typography';
import { SECURITY_EVENT_TYPES } from '@/lib/security/events';

type Tree = { [key: string]: string | string[] | Tree };

function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') return [[path, value] as [string, string]];
    if (Array.isArray(value)) return value.map((v, i) => [`${path}.${i}`, v] as [string, string]);
    return leaves(value, path);
  });
}

describe('messages/fr.json and messages/en.json (I18N-01)', () => {
  const frLeaves = leaves(fr as Tree);
  const enLeaves = leaves(en as Tree);

  it('I18N-01: have the same keys in the same order', () => {
    expect(enLeaves.map(([k]) => k)).toEqual(frLeaves.map(([k]) => k));
  });

  it('LOGG-01: name every security event type for "Recent security activity"', () => {
    for (const type of SECURITY_EVENT_TYPES) {
      expect(fr.SettingsPage.activity.types, type).toHaveProperty(type);
      expect(en.SettingsPage.activity.types, type).toHaveProperty(type);
    }
  });

  it('have no empty text', () => {
    for (const [key, text] of [...frLeaves, ...enLeaves]) expect(text.trim(), key).not.toBe('');
  });

  // The guide's labels, word for word, in French typography (’ and the non-breaking spaces that
  // npm run messages:check asks for).
  const guide = <T>(value: T): T =>
    (typeof value === 'string'
      ? fixFrenchMessage(value)
      : Array.isArray(value)
        ? value.map(guide)
        : Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, guide(v)]))) as T;

  it("carry the City guide's French labels word for word", () => {
    expect(fr.LoginPage).toMatchObject(
      guide({
        title: 'Connexion',
        email: 'Adresse courriel',
        password: 'Mot de passe',
        submit: 'Connexion',
        forgotPassword: 'Mot de passe oublié?',
        noAccountTitle: "Vous n'avez pas encore un compte?",
        createAccount: 'Créer un compte',
      }),
    );
    expect(fr.CreateAccountPage).toMatchObject(
      guide({
        title: 'Créez votre compte',
        allRequired: 'Tous les champs sont requis pour créer votre compte.',
        email: 'Adresse courriel',
        emailConfirm: "Confirmation de l'adresse courriel",
        password: 'Mot de passe',
        passwordConfirm: 'Confirmation du mot de passe',
        acceptTerms: "J'ai lu et j'accepte les conditions générales d'utilisation.",
        submit: 'Créer un compte',
      }),
    );
    expect(fr.Terms.title).toBe(guide("Mon ServiceOttawa – Conditions d'utilisation"));
    expect(fr.ActivatePage).toMatchObject({
      password: 'Mot de passe',
      submit: 'Activer mon compte',
    });
    expect(fr.Layout.nav).toEqual({
      help: 'Aide',
      login: 'Connexion',
      settings: 'Mes paramètres',
      logout: 'Déconnexion',
    });
    expect(fr.Layout.languageToggle.short).toBe('EN');
    expect(en.Layout.languageToggle.short).toBe('FR');
    expect(fr.DashboardPage).toMatchObject({
      title: 'Tableau de bord',
      welcome: 'Bienvenue',
      survey: 'Répondre à un sondage',
    });
    expect(Object.values(fr.DashboardPage.widgets).map((w) => w.title)).toEqual(
      guide([
        'Déchets et recyclage',
        "Factures des services d'eau",
        'Taxe foncière et impôt sur les logements vacants',
        'Demandes de service',
        'Enregistrement des animaux de compagnie',
        'Cyberabonnements',
        'Permis de feu en plein air',
        'Construction, planification et aménagement du territoire',
      ]),
    );
    expect(fr.DashboardPage.widgets.serviceRequests).toMatchObject(
      guide({
        link: "Soumettre une nouvelle demande et afficher l'historique",
      }),
    );
    expect(fr.DashboardPage.widgets.buildingServices.link).toBe('Appliquer, gérer et payer');
  });
});

describe('messages/global-error.json', () => {
  it('has the same texts in both languages, none empty', async () => {
    const text = (await import('@/messages/global-error.json')).default;
    expect(Object.keys(text.en)).toEqual(Object.keys(text.fr));
    for (const value of [...Object.values(text.fr), ...Object.values(text.en)]) {
      expect(value.trim()).not.toBe('');
    }
  });
});

describe('lists in the message files', () => {
  // next-intl's development build refuses `t.raw` once messages are precompiled (STACK.md): a
  // list is one rich-text message, `<p>…</p>` or `<li>…</li>` per item, rendered with `t.rich`.
  it('are rich text, never JSON arrays', () => {
    const arrays = [...leaves(fr as Tree), ...leaves(en as Tree)]
      .map(([key]) => key)
      .filter((key) => /\.\d+$/.test(key));
    expect(arrays).toEqual([]);
  });

  it('give each language the same number of items', () => {
    const count = (text: string, tag: string) => text.split(`<${tag}>`).length - 1;
    for (const [text, tag] of [
      [fr.Terms.paragraphs, 'p'],
      [fr.RegisterPage.transferParagraphs, 'p'],
      [fr.BuildingHomePage.services, 'li'],
    ] as const) {
      expect(count(text, tag), text).toBeGreaterThan(1);
    }
    expect(count(en.Terms.paragraphs, 'p')).toBe(count(fr.Terms.paragraphs, 'p'));
    expect(count(en.RegisterPage.transferParagraphs, 'p')).toBe(
      count(fr.RegisterPage.transferParagraphs, 'p'),
    );
    expect(count(en.BuildingHomePage.services, 'li')).toBe(
      count(fr.BuildingHomePage.services, 'li'),
    );
  });
});
