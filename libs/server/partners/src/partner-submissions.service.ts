import { Injectable } from '@nestjs/common';
import { ItemKind, ItemView, OrgRole } from '@ztt/contracts';
import { CatalogueService, checkSubmittable, ItemInput } from '@ztt/catalogue';
import { AppException, AuthContext } from '@ztt/platform';
import { PartnerCaller } from './partner-keys.service';

/**
 * `items:submit`: a partner key posts a need or an achievement for its own organisation. The item
 * is created as a draft of the key's organisation and submitted for review at once, through the
 * catalogue's own service: it is never published directly, a platform admin reviews it as any other.
 */
@Injectable()
export class PartnerSubmissionsService {
  constructor(private readonly catalogue: CatalogueService) {}

  async submit(caller: PartnerCaller, kind: ItemKind, input: ItemInput): Promise<ItemView> {
    // The key acts in the name of the admin who issued it (recorded on the key), as a member of the key's organisation only.
    if (!caller.createdBy) throw AppException.forbidden();
    const actor: AuthContext = {
      userId: caller.createdBy,
      sessionId: `partner-key:${caller.keyId}`,
      email: `partner-key:${caller.keyId}`,
      displayName: `partner-key:${caller.keyId}`,
      platformRoles: [],
      orgRoles: new Map([[caller.orgId, OrgRole.Member]]),
    };
    const values: ItemInput = { ...input, ownerOrgId: caller.orgId };
    // Refused before anything is created: a submission that review would not take leaves no draft behind.
    checkSubmittable(kind, values);
    const draft = await this.catalogue.create(actor, kind, values);
    return this.catalogue.submit(actor, kind, draft.id);
  }
}
