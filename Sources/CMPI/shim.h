// Open MPI's C interface (Debian: libopenmpi-dev), with the handles that mpi.h defines as
// macros over casts — which Swift cannot import — wrapped in inline functions.
#include <mpi.h>

static inline MPI_Comm rill_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype rill_mpi_float(void) { return MPI_FLOAT; }
static inline MPI_Datatype rill_mpi_double(void) { return MPI_DOUBLE; }
static inline MPI_Datatype rill_mpi_byte(void) { return MPI_BYTE; }
static inline MPI_Datatype rill_mpi_uint64(void) { return MPI_UINT64_T; }
static inline MPI_Op rill_mpi_sum(void) { return MPI_SUM; }
static inline MPI_Errhandler rill_mpi_errors_return(void) { return MPI_ERRORS_RETURN; }
static inline MPI_Request rill_mpi_request_null(void) { return MPI_REQUEST_NULL; }
static inline MPI_Status *rill_mpi_status_ignore(void) { return MPI_STATUS_IGNORE; }
static inline MPI_Info rill_mpi_info_null(void) { return MPI_INFO_NULL; }
static inline int rill_mpi_comm_type_shared(void) { return MPI_COMM_TYPE_SHARED; }
