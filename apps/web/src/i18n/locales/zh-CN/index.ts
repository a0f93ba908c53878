import { account } from './account';
import { admin } from './admin';
import { campaign } from './campaign';
import { catalogue } from './catalogue';
import { challenge } from './challenge';
import { common } from './common';
import { commissioner } from './commissioner';
import { county } from './county';
import { dashboard } from './dashboard';
import { deal } from './deal';
import { expert } from './expert';
import { finance } from './finance';
import { financeExtras } from './finance-extras';
import { fulfilment } from './fulfilment';
import { kpi } from './kpi';
import { capacity } from './capacity';
import { matching } from './matching';
import { organisation } from './organisation';
import { partner } from './partner';
import { profession } from './profession';
import { search } from './search';
import { terms } from './terms';

/** Every feature's Chinese messages, by feature (the unit test checks that no key is in two). */
export const zhCNFeatures = {
  common,
  account,
  organisation,
  catalogue,
  search,
  matching,
  deal,
  terms,
  fulfilment,
  challenge,
  campaign,
  dashboard,
  admin,
  partner,
  commissioner,
  county,
  expert,
  finance,
  financeExtras,
  profession,
  kpi,
  capacity,
};

export const zhCN = {
  ...common,
  ...account,
  ...organisation,
  ...catalogue,
  ...search,
  ...matching,
  ...deal,
  ...terms,
  ...fulfilment,
  ...challenge,
  ...campaign,
  ...dashboard,
  ...admin,
  ...partner,
  ...commissioner,
  ...county,
  ...expert,
  ...finance,
  ...financeExtras,
  ...profession,
  ...kpi,
  ...capacity,
};
