import { Global, Module } from '@nestjs/common';
import { Recipients } from '@ztt/notifications';
import { IdentityRecipients } from './identity-recipients';
import { OrganisationDirectory } from './organisation-directory';
import { PeopleDirectory } from './people-directory';

/**
 * Identity's read ports, for every domain of the API and the worker (docs/architecture.md, "Owned
 * data"), and its answer to notifications' Recipients port.
 */
@Global()
@Module({
  providers: [OrganisationDirectory, PeopleDirectory, { provide: Recipients, useClass: IdentityRecipients }],
  exports: [OrganisationDirectory, PeopleDirectory, Recipients],
})
export class IdentityDirectoryModule {}
