import { MatchReason, recommend } from '@cyswllt/matching';
import { Injectable } from '@nestjs/common';
import { Actor, Language } from '../../core/auth/role';
import { englishList, unmutated, welshList } from '../../core/i18n/welsh';
import { SessionsService } from '../events/sessions.service';
import { Vocabulary } from '../profiles/profiles.enums';
import { termFormsCy } from '../profiles/term-forms';
import { TaxonomyService } from '../profiles/taxonomy.service';
import { MatchingError, MatchingErrorCode } from './matching.errors';
import { MatchingSettingsService } from './matching-settings.service';
import { reasonText, type TermNames } from './reason-text';
import { SessionPeopleService } from './session-people.service';

export interface RenderedRecommendation {
  userId: string;
  score: number;
  reasons: { reason: MatchReason; textCy: string; textEn: string }[];
}

/**
 * "Who should I meet, and why": practitioners see commissioners, link workers and peers;
 * commissioners and link workers see practitioners. Reasons come in both languages: the page shows
 * the one it is in, whatever the account's preference.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly people: SessionPeopleService,
    private readonly settings: MatchingSettingsService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async forViewer(actor: Actor, sessionId: string, limit: number): Promise<RenderedRecommendation[]> {
    await this.sessions.get(actor, sessionId);
    const people = await this.people.ofSession(sessionId);
    const me = people.find((p) => p.userId === actor.id);
    if (!me)
      throw new MatchingError(MatchingErrorCode.NOT_IN_SESSION, 'Register for the session to see who to meet.', {
        sessionId,
      });
    const others = people.filter(
      (p) => p.userId !== me.userId && (me.kind === 'PRACTITIONER' || p.kind === 'PRACTITIONER'),
    );
    const settings = await this.settings.get(sessionId);
    const ranked = recommend(
      me.match,
      others.map((p) => p.match),
      settings.weights,
      limit,
      { underServedRegions: settings.underServedRegions },
    );
    const [namesCy, namesEn] = await Promise.all([this.termNames(Language.cy), this.termNames(Language.en)]);
    return ranked.map((r) => ({
      userId: r.participantId,
      score: r.score,
      reasons: r.reasons.map((reason) => ({
        reason,
        textCy: reasonText(reason, Language.cy, namesCy),
        textEn: reasonText(reason, Language.en, namesEn),
      })),
    }));
  }

  /** The names of taxonomy codes as one list: "Parkinson's and Dementia"; in Welsh with its forms ("chlefyd Parkinson a dementia"). */
  private async termNames(language: Language): Promise<TermNames> {
    const vocabularies = [Vocabulary.CONDITION, Vocabulary.ART_FORM, Vocabulary.REGION, Vocabulary.SUPPORT];
    const terms = (await Promise.all(vocabularies.map((v) => this.taxonomy.all(v)))).flat();
    if (language === Language.cy) {
      const forms = new Map(terms.map((t) => [t.code, termFormsCy(t.code, t.nameCy)]));
      return (codes) => welshList(codes.map((code) => forms.get(code) ?? unmutated(code)));
    }
    const name = new Map(terms.map((t) => [t.code, t.nameEn]));
    return (codes) => englishList(codes.map((code) => name.get(code) ?? code));
  }
}
