import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '../../core/auth/auth.decorators';
import { Language } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { TaxonomyArgs } from './inputs/taxonomy.args';
import { TaxonomyTerm } from './models/taxonomy-term.model';
import { TaxonomyService } from './taxonomy.service';

@Resolver(() => TaxonomyTerm)
export class TaxonomyResolver {
  constructor(private readonly vocabularies: TaxonomyService) {}

  /** Rule: anyone (@Public) — reference data for sign-up and search forms. */
  @Public()
  @Query(() => [TaxonomyTerm])
  async taxonomy(@Args() { vocabulary }: TaxonomyArgs): Promise<TaxonomyTerm[]> {
    return (await this.vocabularies.all(vocabulary)).map(TaxonomyTerm.from);
  }

  /** The name in `language`; by default the caller's preferred language, or English when signed out. */
  @ResolveField(() => String)
  name(
    @Parent() term: TaxonomyTerm,
    @Args('language', { type: () => Language, nullable: true }) language: Language | null,
    @Context() ctx: RequestContext,
  ): string {
    return (language ?? ctx.actor?.language ?? Language.en) === Language.cy ? term.nameCy : term.nameEn;
  }
}
