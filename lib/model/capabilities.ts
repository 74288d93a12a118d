/** The capabilities object published as `capabilitiesChanged` and `data.capabilities` (`contract.md` §3). */
export interface Capabilities {
  async: boolean;
  asyncClose: 'hideChat' | 'endChat';
  pagination: boolean;
  fileUpload: boolean;
}
