package event

import "github.com/billingkit/chargebee-go"

// checkVersion runs before ListPage sends anything: on an API v2 client the
// plain v1 filters are refused (see ListRequest). On API v1 the action's v1
// keys refuse the filters with operators.
func (s *Service) checkVersion(_ string, req *ListRequest, _ []chargebee.RequestOption) error {
	if cb := s.client(); cb != nil && cb.APIVersion() == chargebee.APIv2 {
		return req.validateV2()
	}
	return nil
}
