package form

// DirectErr reports why EncodeBytes would leave v to the general encoder,
// or nil when it writes v directly.
func DirectErr(v any) error {
	rv, ok := structValue(v)
	if !ok {
		return errSlow
	}
	w := writerPool.Get().(*writer)
	w.reset()
	defer w.release()
	return w.structFields(planFor(rv.Type()), "", rv)
}
